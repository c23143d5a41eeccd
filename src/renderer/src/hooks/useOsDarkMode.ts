import { useEffect, useState } from 'react';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

export function useOsDarkMode(): boolean {
  const [dark, setDark] = useState(() => query().matches);
  useEffect(() => {
    const media = query();
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark;
}
