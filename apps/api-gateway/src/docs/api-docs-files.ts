import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { staticFile } from '../ui/static-files';
import type { StaticFile } from '../ui/static-files';

/** Where the page and its files are served; the page names them by these paths. */
export const DOCS_PATH = '/api/docs';
export const OPENAPI_PATH = '/api/openapi.json';

/** Swagger UI's prebuilt files, from the `swagger-ui-dist` package (a runtime dependency, in the image). */
const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'];

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>AutoScale CIRM API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/docs.js"></script>
  </body>
</html>
`;

// A file of its own, not inline: the page's content security policy runs only this origin's scripts.
// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const START = `window.ui = SwaggerUIBundle({ url: '${OPENAPI_PATH}', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

/**
 * The interactive API docs: a page that runs Swagger UI on `/api/openapi.json`, keyed by
 * the name under {@link DOCS_PATH} (`/` is the page). Everything is served by the gateway:
 * nothing from a CDN, works offline.
 */
export function loadApiDocsFiles(): Map<string, StaticFile> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, StaticFile>([
    ['/', staticFile('index.html', PAGE, { immutable: false })],
    ['/docs.js', staticFile('docs.js', START, { immutable: false })],
  ]);
  for (const name of SWAGGER_UI_FILES) {
    files.set(
      `/${name}`,
      staticFile(name, readFileSync(require.resolve(`swagger-ui-dist/${name}`)), { immutable: false }),
    );
  }
  return files;
}
