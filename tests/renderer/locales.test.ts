/**
 * Every language of the station page and the overlay says everything English says, and fills in
 * the same values: a missing key would show English (or a key) in the middle of a sentence, and a
 * misspelt {{placeholder}} would show the braces to a caller.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/renderer/src/i18n/messages.js';
import { LANGUAGES } from '../../src/renderer/src/i18n/languages.js';

type Tree = Record<string, Record<string, string>>;
const flat = (tree: Tree) => Object.entries(tree).flatMap(([group, texts]) => Object.entries(texts).map(([key, text]) => [`${group}.${key}`, text] as const));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const english = new Map(flat(MESSAGES.en as Tree));

describe('station page languages', () => {
  it('the switcher offers exactly the languages that have messages', () => {
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  for (const [code, messages] of Object.entries(MESSAGES)) {
    it(`${code}: every English key, none empty, the same placeholders`, () => {
      const texts = new Map(flat(messages as Tree));
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of texts) {
        expect(text.trim(), `${code} ${key}`).not.toBe('');
        expect(placeholders(text), `${code} ${key}`).toEqual(placeholders(english.get(key)!));
      }
    });
  }
});
