// A screen or dialog the first screen does not need, loaded the first time it renders: its code (and whatever
// only it imports, e.g. the QR library) goes into a chunk of its own that the page fetches then, not at start.
// The renderer's start-up budget is in docs/PERFORMANCE.md; a new heavy view should come in through here:
//
//   const ThreadView = lazyFeature(() => import('./ThreadView.js').then((m) => m.ThreadView));
//
// Nothing shows while the chunk loads (a local file, a few milliseconds), and then the view at once. Not
// React.lazy: a Suspense boundary that showed its fallback reveals the content no sooner than 300 ms later
// (React 19 throttles reveals), which put ~400 ms on the way to the room list. Only import such a module
// through lazyFeature: one static import anywhere puts it back in the first chunk (the build warns).
import { useEffect, useState, type ComponentType } from 'react';

export function lazyFeature<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const start = (): Promise<void> =>
    (loading ??= load().then(
      (component) => void (loaded = component),
      (error: unknown) => {
        loading = undefined; // the next mount tries again
        throw error;
      },
    ));

  function Feature(props: P) {
    const [failure, setFailure] = useState<{ error: unknown } | null>(null);
    const [, setArrived] = useState(false);
    useEffect(() => {
      if (loaded !== undefined) return;
      start().then(
        () => setArrived(true),
        (error: unknown) => setFailure({ error }),
      );
    }, []);
    // A chunk that cannot load is a broken install: fail like any render error, never as a blank pane.
    if (failure !== null) throw failure.error;
    const Component = loaded;
    return Component === undefined ? null : <Component {...props} />;
  }
  return Feature;
}
