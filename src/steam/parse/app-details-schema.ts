import { z } from 'zod';

const idLike = z.union([z.number(), z.string()]).transform(String);

/** Steam sends `{minimum, recommended?}` when set, an empty array when not. */
export const requirementsSchema = z.union([
  z.object({ minimum: z.string().optional(), recommended: z.string().optional() }),
  z.array(z.unknown()),
]);

export const priceOverviewSchema = z.object({
  currency: z.string(),
  initial: z.number(),
  final: z.number(),
  discount_percent: z.number().default(0),
});

export const appDataSchema = z.object({
  type: z.string().optional(),
  name: z.string(),
  steam_appid: z.union([z.number(), z.string()]).optional(),
  required_age: z.union([z.number(), z.string()]).optional(),
  is_free: z.boolean().optional(),
  short_description: z.string().optional(),
  supported_languages: z.string().optional(),
  header_image: z.string().nullish(),
  website: z.string().nullish(),
  developers: z.array(z.string()).optional(),
  publishers: z.array(z.string()).optional(),
  price_overview: priceOverviewSchema.optional(),
  platforms: z.object({ windows: z.boolean(), mac: z.boolean(), linux: z.boolean() }).partial().optional(),
  metacritic: z.object({ score: z.union([z.number(), z.string()]), url: z.string().nullish() }).optional(),
  categories: z.array(z.object({ id: idLike, description: z.string() })).optional(),
  genres: z.array(z.object({ id: idLike, description: z.string() })).optional(),
  screenshots: z.array(z.object({ path_full: z.string() })).optional(),
  pc_requirements: requirementsSchema.optional(),
  mac_requirements: requirementsSchema.optional(),
  linux_requirements: requirementsSchema.optional(),
  dlc: z.array(z.number()).optional(),
  achievements: z.object({ total: z.number() }).optional(),
  recommendations: z.object({ total: z.number() }).optional(),
  release_date: z.object({ coming_soon: z.boolean(), date: z.string().optional() }).optional(),
  fullgame: z.object({ appid: idLike, name: z.string() }).optional(),
});

export type AppData = z.output<typeof appDataSchema>;

/** `{"<appid>": {success, data?}}`; `data` is checked per case by the caller. */
export const appDetailsEnvelopeSchema = z.record(
  z.string(),
  z.object({ success: z.boolean(), data: z.unknown().optional() }),
);
export type RawPriceOverview = z.output<typeof priceOverviewSchema>;
export type RawRequirements = z.output<typeof requirementsSchema>;
