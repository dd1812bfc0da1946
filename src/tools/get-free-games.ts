import { z } from 'zod';
import { intArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { playArgs, playEcho, playEchoOf, playFilters } from './play-args.js';
import { gameListOutput, gameListResult } from './game-output.js';

const tagsError =
  'tags must be a list of at most 10 tag names, each 1–50 characters. tags 必须是最多 10 个标签名（每个 1–50 个字符）。';

export const getFreeGamesTool = defineTool({
  name: 'get_free_games',
  title: 'Free-to-play Steam games',
  description:
    'Free games on Steam (Steam itself marks them free), most popular first; `tags` (Chinese or English, e.g. ' +
    '["射击", "多人"]) really filters. 获取免费游戏，可按标签筛选。',
  input: z.object({
    max_results: intArg('max_results', 1, 50, 20, 'How many games'),
    tags: z
      .array(
        z.string({ error: tagsError }).trim().min(1, { error: tagsError }).max(50, { error: tagsError }),
        {
          error: tagsError,
        },
      )
      .max(10, { error: tagsError })
      .optional()
      .describe('Steam tags, genres or categories that every game must have'),
    ...playArgs,
  }),
  output: gameListOutput({ tags_filter: z.array(z.string()), ...playEcho }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const list = await catalog.freeGames(
      { tags: args.tags, maxResults: args.max_results, play: playFilters(args) },
      { signal },
    );
    return gameListResult({ tags_filter: args.tags ?? [], ...playEchoOf(args) }, list);
  },
});
