import { describe, expect, it } from 'vitest';
import type { Change } from '../store';
import { lazyView } from './lazy-view';
import type { View } from './lazy-view';

type ViewModule = { render: () => View };

/** A module load the test finishes by hand, and a view that records what it was given. */
function loading() {
  const seen: string[] = [];
  const module: ViewModule = {
    render: () => {
      seen.push('rendered');
      return {
        update: (c: Change) => void seen.push(c.kind),
        dispose: () => void seen.push('disposed'),
      };
    },
  };
  let finish: (m: ViewModule) => void = () => undefined;
  const promise = new Promise<ViewModule>((resolve) => (finish = resolve));
  return { promise, finish: () => finish(module), seen };
}

describe('lazyView', () => {
  it('renders once its code has loaded, then passes on changes and its disposal', async () => {
    const load = loading();
    const view = lazyView(
      () => load.promise,
      (m) => m.render(),
    );
    view.update({ kind: 'loaded' });
    load.finish();
    await load.promise;
    view.update({ kind: 'loaded' });
    view.dispose?.();
    expect(load.seen).toEqual(['rendered', 'loaded', 'disposed']);
  });

  it('never renders when the page moved on before its code loaded', async () => {
    const load = loading();
    const view = lazyView(
      () => load.promise,
      (m) => m.render(),
    );
    view.dispose?.();
    load.finish();
    await load.promise;
    expect(load.seen).toEqual([]);
  });
});
