import type { Change } from '../store';

/** What the router holds of the view on screen. */
export type View = { update: (change: Change) => void; dispose?: () => void };

/**
 * A view whose code is loaded on its first visit (the charts' uPlot and the views that use
 * them are not part of what the overview must load and run first). It renders once its code
 * is there, unless the page has moved on meanwhile; changes before that are the store's
 * to keep (a view reads the store when it renders).
 *
 * @example
 * lazyView(() => import('./resource.view'), (m) => m.renderResource(main, id));
 */
export function lazyView<M>(load: () => Promise<M>, render: (module: M) => View): View {
  let view: View | undefined;
  let disposed = false;
  void load().then((module) => {
    if (!disposed) view = render(module);
  });
  return {
    update: (change) => view?.update(change),
    dispose: () => {
      disposed = true;
      view?.dispose?.();
    },
  };
}
