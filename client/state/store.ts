/**
 * Store
 * =====
 *
 * A minimal observable value: get, set through a producer, subscribe. Producers are pure
 * `(state) => state` functions (see cluster-view.ts); returning the same object means "nothing changed"
 * and notifies nobody.
 */
export type Producer<S> = (state: S) => S;
export type Listener<S> = (state: S, previous: S) => void;

export interface Store<S> {
  get(): S;
  update(producer: Producer<S>): void;
  subscribe(listener: Listener<S>): () => void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<Listener<S>>();
  return {
    get: () => state,
    update(producer) {
      const previous = state;
      const next = producer(state);
      if (next === previous) return;
      state = next;
      for (const l of [...listeners]) l(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
