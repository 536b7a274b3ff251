import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms`: a read per pause in typing, not per keystroke. Compared
 * with `Object.is`, so pass a string (JSON) for anything built anew on each render.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
