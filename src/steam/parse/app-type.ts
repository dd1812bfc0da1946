import type { AppType } from '../types.js';

const APP_TYPE_BY_NAME: Record<string, AppType> = {
  game: 'game',
  dlc: 'dlc',
  demo: 'demo',
  music: 'music',
  video: 'video',
  series: 'video',
  episode: 'video',
  mod: 'mod',
  hardware: 'hardware',
  application: 'software',
  software: 'software',
  tool: 'software',
};

/** appdetails' `type` string. A missing type is a game (the common case). */
export function appTypeFromName(name: string | undefined): AppType {
  if (name === undefined || name === '') return 'game';
  return APP_TYPE_BY_NAME[name.toLowerCase()] ?? 'other';
}

/** EStoreAppType numbers (GetItems / Query). Missing = 0 = game, the protobuf default. */
export function appTypeFromNumber(type: number | undefined): AppType {
  switch (type ?? 0) {
    case 0:
      return 'game';
    case 1:
      return 'demo';
    case 2:
      return 'mod';
    case 4:
      return 'dlc';
    case 6:
      return 'software';
    case 7:
      return 'video';
    case 10:
      return 'hardware';
    case 11:
      return 'music';
    default:
      return 'other';
  }
}
