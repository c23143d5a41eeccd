import { useEffect, useRef, useState } from 'react';

/** The size of a box on the page, kept current as it changes (the map fills its box). */
export function useBoxSize<T extends HTMLElement>(initial: { width: number; height: number }) {
  const box = useRef<T>(null);
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      if (width > 0 && height > 0) setSize({ width: Math.round(width), height: Math.round(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { box, size };
}
