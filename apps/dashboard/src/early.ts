// A second, small script of the page (index.html, `async`): it asks for the overview's first
// page as soon as it has loaded, while the browser still fetches, compiles and runs main.ts's
// bundle (zod, the views, uPlot: a few hundred ms on a slow machine), so the gateway reads the
// page meanwhile instead of after it. The overview then shows that answer (see early-read.ts).
// Nothing imported here may import zod: this bundle stays a few hundred bytes.
import { readEarly } from './api/early-read';
import { resourcePagePath } from './api/resource-page-path';
import { parseRoute } from './routes';
import { overviewAsk } from './views/overview-ask';

// The overview starts with an empty filter.
if (parseRoute(location.hash).view === 'overview') readEarly(resourcePagePath(overviewAsk('')));
