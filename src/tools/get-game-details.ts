import { z } from 'zod';
import { gameNotFound, textArg } from './args.js';
import { defineTool, READ_ONLY_STEAM } from './define-tool.js';
import { DetailsOutput, toDetailsOutput, Warnings, withWarnings } from './game-output.js';

export const getGameDetailsTool = defineTool({
  name: 'get_game_details',
  title: 'Steam game details',
  description:
    'Full details of one Steam game (developers, languages, reviews, requirements, screenshots…) by AppID ' +
    '("1245620") or Chinese/English name ("艾尔登法环", "ELDEN RING"); an exact name match is preferred. 获取游戏详情。',
  input: z.object({
    game_identifier: textArg('game_identifier', 200, 'Steam AppID or game name (Chinese or English)'),
  }),
  output: z.object({
    success: z.literal(true),
    game_identifier: z.string(),
    resolved_by: z.enum(['app_id', 'name']),
    details: DetailsOutput,
    warnings: Warnings,
  }),
  annotations: READ_ONLY_STEAM,
  cacheable: true,
  async handler(args, { catalog }, { signal }) {
    const found = await catalog.gameDetails(args.game_identifier, { signal });
    if (!found) {
      throw gameNotFound(args.game_identifier);
    }
    return withWarnings(
      {
        success: true as const,
        game_identifier: args.game_identifier,
        resolved_by: found.resolvedBy,
        details: toDetailsOutput(found.details),
      },
      found.warnings,
    );
  },
});
