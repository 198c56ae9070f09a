// Starts Swagger UI on the spec beside this page (openapi.json), as served by an Evocalize
// sandbox at <sandbox>/docs/. Nothing is fetched from anywhere else: no validator badge, no
// fonts, no CDN.
"use strict";

// The sandbox that serves this page: "Try it out" sends its requests there (with the
// shared-secret scheme: Authorize with the key id and the client key), never to production,
// which stays listed second.
function sandboxServer() {
  const root = new URL("..", window.location.href).href.replace(/\/$/, "");
  return { url: root, description: "This sandbox" };
}

window.addEventListener("load", async () => {
  const answer = await fetch("openapi.json");
  const spec = await answer.json();
  spec.servers = [sandboxServer(), ...(spec.servers || [])];
  // Swagger UI lists the webhooks in a section of their own, which leaves their tags empty.
  const used = new Set(
    Object.values(spec.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags || [])),
  );
  spec.tags = (spec.tags || []).filter((tag) => used.has(tag.name));
  window.ui = SwaggerUIBundle({
    spec,
    dom_id: "#swagger-ui",
    // The default asks validator.swagger.io for a badge: a request leaving the machine.
    validatorUrl: null,
    deepLinking: true,
    // Partners call operations by operationId (`evocalize call getUser`, `ev.call(...)`).
    displayOperationId: true,
    filter: true,
    defaultModelsExpandDepth: 0,
  });
});
