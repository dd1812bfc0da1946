import { parse } from 'node-html-parser';

/** Decodes HTML entities of a text that is escaped but not markup (`&quot;` → `"`). */
export function decodeEntities(text: string): string {
  return parse(text).textContent;
}

/**
 * HTML → plain text keeping one line per `<br>`, list item or paragraph, so requirement
 * blocks stay readable ("Minimum:\nOS: Windows 10\n…").
 */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(li|p|div|h\d)>/gi, '\n');
  return parse(withBreaks)
    .textContent.split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
