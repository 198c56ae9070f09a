"""The business rules of orders, audiences and media, as pure functions of their inputs.

They know nothing of HTTP or storage: resource modules load the state, call a rule, and store
what it returns, so each rule is unit-tested without a server (docs/decisions.md, "Orders")."""
