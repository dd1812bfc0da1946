import { describe, expect, it } from 'vitest';
import { parsePopularTags, parseTagList } from '../../../src/steam/parse/tags.js';
import { expectSteamParseError, fixture, sample } from './files.js';

describe('parsePopularTags', () => {
  it('reads the real English list, most used first', () => {
    const tags = parsePopularTags(sample('populartags_english.json'));
    expect(tags).toHaveLength(432);
    expect(tags.slice(0, 3)).toEqual([
      { tagId: 492, name: 'Indie' },
      { tagId: 19, name: 'Action' },
      { tagId: 21, name: 'Adventure' },
    ]);
  });

  it.each(['{"tags":[]}', '[{"tagid":"x","name":"a"}]', '[{"tagid":1'])('rejects %j', (body) => {
    expectSteamParseError(() => parsePopularTags(body));
  });
});

describe('parseTagList', () => {
  it('reads the schinese GetTagList fixture', () => {
    const tags = parseTagList(fixture('gettaglist_schinese.json'));
    expect(tags).toContainEqual({ tagId: 122, name: '角色扮演' });
    expect(tags).toContainEqual({ tagId: 1695, name: '开放世界' });
    expect(tags).toContainEqual({ tagId: 113, name: '免费开玩' });
    expect(tags).toHaveLength(10);
  });

  it('treats an answer without tags (hash matched) as empty', () => {
    expect(parseTagList('{"response":{"version_hash":"711684454"}}')).toEqual([]);
  });

  it.each(['{}', '[]', '{"response":{"tags":{}}}', '{"response":'])('rejects %j', (body) => {
    expectSteamParseError(() => parseTagList(body));
  });
});
