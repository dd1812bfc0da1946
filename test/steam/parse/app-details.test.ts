import { describe, expect, it } from 'vitest';
import { parseAppDetails, parseSupportedLanguages } from '../../../src/steam/parse/app-details.js';
import { cnContext, expectSteamParseError, fixture, sample, usdContext } from './files.js';

// Shapes documented in FORMATS.md §2 whose recordings are not in samples/.
const FREE_570 = JSON.stringify({
  '570': {
    success: true,
    data: {
      type: 'game',
      name: 'Dota 2',
      steam_appid: 570,
      required_age: 0,
      is_free: true,
      short_description:
        'Every day, millions of players worldwide enter battle as one of over a hundred Dota heroes.',
      supported_languages:
        'English<strong>*</strong>, Simplified Chinese<strong>*</strong><br><strong>*</strong>languages with full audio support',
      pc_requirements: {
        minimum:
          '<strong>Minimum:</strong><br><ul class="bb_ul"><li><strong>OS:</strong> Windows 10</li></ul>',
      },
      mac_requirements: [],
      linux_requirements: [],
      developers: ['Valve'],
      publishers: ['Valve'],
      platforms: { windows: true, mac: true, linux: true },
      genres: [
        { id: '1', description: 'Action' },
        { id: '37', description: 'Free To Play' },
      ],
      release_date: { coming_soon: false, date: '9 Jul, 2013' },
    },
  },
});
const FAILURE = '{"999999999":{"success":false}}';
const COMING_SOON = JSON.stringify({
  '3812360': {
    success: true,
    data: {
      type: 'game',
      name: '黑神话：钟馗',
      is_free: false,
      pc_requirements: [],
      mac_requirements: [],
      linux_requirements: [],
      release_date: { coming_soon: true, date: '即将推出' },
    },
  },
});

describe('parseAppDetails on real samples', () => {
  it.each([
    ['appdetails_1145360_paid_usd.json', '1145360', 'Hades', 24.99, 24.99, 0, 'USD'],
    ['appdetails_1174180_discounted_usd.json', '1174180', 'Red Dead Redemption 2', 14.99, 59.99, 75, 'USD'],
    ['appdetails_1245620_paid_usd.json', '1245620', 'ELDEN RING', 59.99, 59.99, 0, 'USD'],
    ['appdetails_1997660_paid_cny.json', '1997660', 'GreedFall II: The Dying World', 173, 173, 0, 'CNY'],
    ['appdetails_323190_discounted85_usd.json', '323190', 'Frostpunk', 4.49, 29.99, 85, 'USD'],
    ['appdetails_3540920_discounted10_usd.json', '3540920', 'Frogstool', 4.49, 4.99, 10, 'USD'],
  ])('%s', (file, appId, name, final, initial, discount, currency) => {
    const details = parseAppDetails(sample(file), appId, usdContext());
    expect(details).toMatchObject({ appId, name, type: 'game', isFree: false, comingSoon: false });
    expect(details?.price).toEqual({ final, initial, discount, isFree: false, currency });
    expect(details?.screenshots.length).toBeLessThanOrEqual(5);
    expect(details?.supportedLanguages[0]).toBe('English');
    expect(details?.supportedLanguages.join()).not.toMatch(/\*|<|audio support/);
  });

  it('reads Hades in detail', () => {
    const hades = parseAppDetails(sample('appdetails_1145360_paid_usd.json'), '1145360', usdContext());
    expect(hades).toMatchObject({
      genres: ['Action', 'Indie', 'RPG'],
      developers: ['Supergiant Games'],
      metacritic: { score: 93 },
      dlcCount: 1,
      achievements: 49,
      recommendations: 281349,
      releaseDate: 'Sep 17, 2020',
      platforms: { windows: true, mac: true, linux: false },
      fullGame: null,
    });
    expect(hades?.supportedLanguages).toEqual([
      'English',
      'French',
      'Italian',
      'German',
      'Spanish - Spain',
      'Korean',
      'Portuguese - Brazil',
      'Russian',
      'Simplified Chinese',
      'Polish',
      'Japanese',
    ]);
    expect(hades?.requirements.pc?.minimum).toBe(
      'Minimum:\nOS *: Windows 7 SP1\nProcessor: Dual Core 2.4 GHz\nMemory: 4 GB RAM\nGraphics: 1GB VRAM / DirectX 10+ support\nStorage: 15 GB available space',
    );
    expect(hades?.requirements.linux).toBeNull();
  });

  it('treats a heading-only requirements block as absent (RDR2 mac)', () => {
    const rdr2 = parseAppDetails(sample('appdetails_1174180_discounted_usd.json'), '1174180', usdContext());
    expect(rdr2?.requirements.mac).toBeNull();
    expect(rdr2?.metacritic?.score).toBe(93);
  });

  it('reads a free app (no price_overview)', () => {
    const dota = parseAppDetails(FREE_570, '570', cnContext);
    expect(dota).toMatchObject({ isFree: true, genres: ['Action', 'Free To Play'] });
    expect(dota?.price).toEqual({ final: 0, initial: 0, discount: 0, isFree: true, currency: 'CNY' });
    expect(dota?.supportedLanguages).toEqual(['English', 'Simplified Chinese']);
    expect(dota?.requirements).toEqual({
      pc: { minimum: 'Minimum:\nOS: Windows 10', recommended: null },
      mac: null,
      linux: null,
    });
  });

  it('returns null for success:false', () => {
    expect(parseAppDetails(FAILURE, '999999999', cnContext)).toBeNull();
  });

  it('gives an unreleased app without price a null final price', () => {
    const details = parseAppDetails(COMING_SOON, '3812360', cnContext);
    expect(details).toMatchObject({ comingSoon: true, releaseDate: '即将推出', isFree: false });
    expect(details?.price.final).toBeNull();
  });
});

describe('parseAppDetails on Chinese / CNY fixtures', () => {
  it('reads 艾尔登法环', () => {
    const elden = parseAppDetails(fixture('appdetails_1245620_schinese_cn.json'), '1245620', cnContext);
    expect(elden).toMatchObject({
      name: '艾尔登法环',
      type: 'game',
      price: { final: 178.8, initial: 298, discount: 40, isFree: false, currency: 'CNY' },
      genres: ['动作', '角色扮演'],
      categories: ['单人', '多人', '在线合作', 'Steam 成就'],
      publishers: ['FromSoftware, Inc.', 'Bandai Namco Entertainment'],
      dlcCount: 2,
      achievements: 42,
      releaseDate: '2022 年 2 月 24 日',
      metacritic: { score: 94 },
    });
    expect(elden?.shortDescription).toContain('"交界地"');
    expect(elden?.supportedLanguages).toEqual([
      '英语',
      '法语',
      '意大利语',
      '德语',
      '西班牙语 - 西班牙',
      '日语',
      '韩语',
      '简体中文',
      '繁体中文',
      '泰语',
    ]);
    expect(elden?.screenshots).toHaveLength(5);
    expect(elden?.requirements.pc?.minimum?.split('\n')).toEqual([
      '最低配置:',
      '需要 64 位处理器和操作系统',
      '操作系统 *: Windows 10',
      '处理器: INTEL CORE I5-8400 or AMD RYZEN 3 3300X',
      '内存: 12 GB RAM',
      '显卡: NVIDIA GEFORCE GTX 1060 3 GB',
      '存储空间: 需要 60 GB 可用空间',
    ]);
    expect(elden?.requirements.mac).toBeNull();
    expect(elden?.requirements.linux).toBeNull();
  });

  it('reads a DLC with its full game', () => {
    const dlc = parseAppDetails(fixture('appdetails_2778580_dlc_schinese_cn.json'), '2778580', cnContext);
    expect(dlc).toMatchObject({
      type: 'dlc',
      fullGame: { appId: '1245620', name: '艾尔登法环' },
      headerImage: null,
      price: { final: 198, discount: 0 },
      supportedLanguages: ['简体中文'],
    });
  });
});

describe('parseAppDetails drift', () => {
  it.each([
    ['truncated JSON', '{"1245620":{"success":true,"data":{"name":"E'],
    ['no entry for the appid', '{"1":{"success":false}}'],
    ['success is not a boolean', '{"1245620":{"success":1}}'],
    ['data is not an object', '{"1245620":{"success":true,"data":[]}}'],
    ['data without name', '{"1245620":{"success":true,"data":{"type":"game"}}}'],
    [
      'price_overview with string cents',
      '{"1245620":{"success":true,"data":{"name":"x","price_overview":{"currency":"CNY","initial":"1","final":"1"}}}}',
    ],
  ])('%s → STEAM_PARSE', (_label, body) => {
    expectSteamParseError(() => parseAppDetails(body, '1245620', cnContext));
  });

  it('accepts required_age as number or string and metacritic score as string', () => {
    const body = JSON.stringify({
      '1': { success: true, data: { name: 'x', required_age: '18', metacritic: { score: '88' } } },
    });
    expect(parseAppDetails(body, '1', cnContext)?.metacritic).toEqual({ score: 88, url: null });
  });
});

describe('parseSupportedLanguages', () => {
  it.each([
    ['English<strong>*</strong><br><strong>*</strong>languages with full audio support', ['English']],
    [
      '简体中文<strong>*</strong>、英语，日语<br><strong>*</strong>具有完全音频支持的语言',
      ['简体中文', '英语', '日语'],
    ],
    ['', []],
  ])('%j', (html, expected) => {
    expect(parseSupportedLanguages(html)).toEqual(expected);
  });
});
