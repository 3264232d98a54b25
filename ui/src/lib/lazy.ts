/** A module loaded the first time it is asked for; every later call gets the same promise
 *  (a failed load is tried again next time). */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((e) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}
