import { z } from 'zod';

/** What a setting has to be and a good value of it: the start-up error for a bad value says both. */
export interface SettingRule {
  expected: string;
  example: string;
}

export const settingRules = z.registry<SettingRule>();

export const positiveInt = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .default(fallback)
    .register(settingRules, { expected: 'a whole number of 1 or more', example: String(fallback) });
export const nonNegativeInt = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .default(fallback)
    .register(settingRules, { expected: 'a whole number of 0 or more', example: String(fallback) });
/** What every on/off setting accepts, in any case. */
const trueSpellings = ['true', '1', 'yes', 'on'];
const falseSpellings = ['false', '0', 'no', 'off'];
export const booleanFlag = (example: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum([...trueSpellings, ...falseSpellings]))
    .transform((value) => trueSpellings.includes(value))
    .optional()
    .register(settingRules, { expected: 'true or false (or 1/0, yes/no, on/off)', example });
/** A port to listen on, `fallback` when unset; also read by `npm run demo` for its own ports. */
export const portNumber = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(fallback)
    .register(settingRules, { expected: 'a port number from 0 to 65535', example: String(fallback) });
export const freeText = z.string().trim().optional();
export const providerKey = (pattern: RegExp, rule: SettingRule) => z.string().trim().regex(pattern).optional().register(settingRules, rule);

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A provider's base URL: the key travels with every call, so plain http only to this machine. */
export const providerUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.startsWith('https:') || (URL.canParse(url) && loopbackHosts.has(new URL(url).hostname)));
export const providerUrlRule = (example: string): SettingRule => ({ expected: 'an https URL (plain http only on localhost)', example });
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function withoutEmptyValues(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

/**
 * Reads the variables of `schema` from the environment, an empty value counting as unset;
 * throws a ConfigError with one line per mistake, naming the variable and a good value.
 */
export function parseSettings<Schema extends z.ZodObject>(schema: Schema, environment: NodeJS.ProcessEnv): z.output<Schema> {
  const parsed = schema.safeParse(withoutEmptyValues(environment));
  if (parsed.success) return parsed.data;
  const lines = new Set(parsed.error.issues.map((issue) => describeIssue(schema, issue)));
  throw new ConfigError([...lines].join('\n'));
}

/** Never repeats the value: it may be a key. */
function describeIssue(schema: z.ZodObject, issue: z.core.$ZodIssue): string {
  const variable = String(issue.path[0]);
  const field = schema.shape[variable] as z.ZodType | undefined;
  const rule = field && settingRules.get(field);
  if (!rule) return `${variable} is invalid: ${issue.message}`;
  return `${variable} is not ${rule.expected}; for example ${variable}=${rule.example}`;
}

/** What every provider's section holds, whatever else it needs: where it is called, with which key, and its webhook secret. */
export interface ProviderSection {
  secretKey: string;
  apiUrl: string;
  /** Undefined leaves its webhook route off. */
  webhookSecret: string | undefined;
}

/** Each provider's section under its module's key, present only once its settings are complete. */
export type ProviderSections = Readonly<Partial<Record<string, ProviderSection>>>;

/**
 * What the configuration knows of one provider: its variables and their rules, the section
 * it is served with, present only once its settings are complete, and the checks among them.
 */
export interface ProviderConfiguration<Section extends ProviderSection = ProviderSection, Variables = Record<string, unknown>> {
  /** Its environment variables, each a zod schema with its rule and example, for the start-up error. */
  readonly variables: z.ZodRawShape;
  /** The setting whose value turns the provider on, and sandbox mode off. */
  readonly keyVariable: string;
  readonly keyExample: string;
  readonly webhookSecretVariable: string;
  /** Undefined while the provider is not configured. */
  sectionOf(env: Variables): Section | undefined;
  /** One start-up error line for each setting it needs and is missing. */
  problems(env: Variables): string[];
  /** Its section in sandbox mode: the emulator's URL, key and webhook secret, with those of its settings that still apply. */
  sandboxSectionOf(env: Variables, emulated: ProviderSection): Section;
}
