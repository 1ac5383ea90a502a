import { z } from "zod";

/** Where a template came from: shipped with the console or loaded from a public feed. */
export type TemplateSource = "builtin" | "feed";

export const TEMPLATE_CATEGORIES = [
  "Web apps",
  "Databases",
  "AI inference (GPU)",
  "Blockchain nodes",
  "Games",
  "Tools",
] as const;

export const templateMetaSchema = z.object({
  name: z.string().min(1),
  category: z.string().min(1),
  description: z.string().min(1),
  tags: z.array(z.string()).default([]),
});

export type TemplateMeta = z.infer<typeof templateMetaSchema>;

export interface Template {
  id: string;
  name: string;
  category: string;
  description: string;
  tags: string[];
  /** SDL YAML text, exactly as authored. */
  sdl: string;
  /** README markdown. */
  readme: string;
  source: TemplateSource;
}

/** Features derived from a template's SDL, used by the gallery filters and cards. */
export interface TemplateFeatures {
  gpu: boolean;
  persistentStorage: boolean;
  ipLease: boolean;
}
