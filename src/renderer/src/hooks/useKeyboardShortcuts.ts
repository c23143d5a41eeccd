import { useEffect } from 'react';
import { SHORTCUTS, commands } from '../state/commands';
import { useConsole } from '../state/store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The shortcut name of a key press: 'n', 'Enter', 'Control+z' (Cmd on a Mac counts as Control). */
function keyName(event: KeyboardEvent): string | null {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) return `Control+${key}`;
  return key;
}

/** Binds the console's shortcuts; they never fire while the operator types in a field. */
export function useKeyboardShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const state = useConsole.getState();
      const open = state.dialog !== null || state.banning !== null || state.confirm !== null;
      if (event.key === 'Escape') {
        // Leaving a field is all Esc does there; with nothing open it lets go of the picked station.
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else if (open) commands.closeDialog();
        else commands.clearSelection();
        return;
      }
      // A field keeps its own keys (Ctrl+Z there undoes typing), and a dialog owns the keyboard.
      if (isTyping(event.target) || open) return;
      // Enter on a focused button is that button's click, not "work selected".
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      const key = keyName(event);
      const shortcut = key ? SHORTCUTS.find((s) => s.keys.includes(key)) : undefined;
      if (!shortcut) return;
      // A held key repeats; an action must not.
      if (event.repeat && !['ArrowUp', 'ArrowDown', 'j', 'k'].includes(key!)) return;
      event.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
