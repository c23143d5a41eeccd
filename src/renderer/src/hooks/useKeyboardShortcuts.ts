import { useEffect } from 'react';
import { SHORTCUTS, commands } from '../state/commands';
import { useConsole } from '../state/store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Binds the console's single-key shortcuts; they never fire while the operator types in a field. */
export function useKeyboardShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        commands.closeDialog();
        return;
      }
      if (isTyping(event.target)) return;
      // A dialog owns the keyboard while it is open.
      if (useConsole.getState().dialog !== null || useConsole.getState().banning !== null) return;
      // Enter on a focused button is that button's click, not "work selected".
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const shortcut = SHORTCUTS.find((s) => s.keys.includes(key));
      if (!shortcut) return;
      // A held key repeats; an action must not.
      if (event.repeat && !['ArrowUp', 'ArrowDown', 'j', 'k'].includes(key)) return;
      event.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
