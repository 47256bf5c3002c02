// The REST API (XG V3 / TPNS shape). The composition root mounts the handler
// on the HTTP server for every /v3 path.
export { createRestApi, type RestApiDeps } from './rest-api.js';
export { basicAuthorization, tpnsSign } from './auth.js';
