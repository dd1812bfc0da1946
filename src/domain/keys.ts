/**
 * The one key for comparing vocabulary words, tag and game names: NFKC, lower case, without
 * spaces, hyphens or punctuation ("Co-op" ≍ "coop", "Free To Play" ≍ "freetoplay").
 */
export function vocabularyKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_'’.·:：/]+/g, '');
}
