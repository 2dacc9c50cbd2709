// The page's entry, kept small on purpose: it asks for the overview's first page at once and
// then loads the rest of the page (zod, the views, uPlot: nearly all of the code, a few hundred
// ms to fetch, compile and run on a slow machine), so the gateway reads the page while that
// code loads instead of after it. Nothing imported here may build a zod schema.
import { readEarly } from './api/early-read';
import { resourcePagePath } from './api/resource-page-path';
import { parseRoute } from './routes';
import { overviewAsk } from './views/overview-ask';

// The overview starts with an empty filter.
if (parseRoute(location.hash).view === 'overview') readEarly(resourcePagePath(overviewAsk('')));

// This script is `async` (index.html): it runs as soon as it has loaded, before the page has
// been laid out and painted; the rest of the page works on the document, so it waits for it.
// zod's settings first: it reads them as each schema is built, and the app's chunks build
// theirs as they load (see zod-setup.ts).
const loadApp = () => void import('./zod-setup').then(() => import('./app'));
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loadApp, { once: true });
else loadApp();
