import { load } from "js-yaml";
import { expect, it } from "vitest";
import { findDefaultSecrets, TEMPLATE_SECRET_PLACEHOLDER } from "@/lib/sdl/secrets";
import { BUILTIN_TEMPLATES, findBuiltinTemplate } from "./builtin";

it("no built-in template ships a default secret: each gets generated ones", () => {
  for (const t of BUILTIN_TEMPLATES) {
    expect(t.sdl, t.id).not.toContain(TEMPLATE_SECRET_PLACEHOLDER);
    expect(findDefaultSecrets(t.sdl, load(t.sdl)), t.id).toEqual([]);
  }
  const postgres = findBuiltinTemplate("postgres")!.sdl;
  expect(postgres).toMatch(/POSTGRES_PASSWORD=[A-HJ-NP-Za-km-z2-9]{24}\n/);
});

it("passwords that must match (WordPress and its MySQL) get the same generated value", () => {
  const sdl = findBuiltinTemplate("wordpress-mysql")!.sdl;
  const wordpress = /WORDPRESS_DB_PASSWORD=(\S+)/.exec(sdl)![1];
  const mysql = /MYSQL_PASSWORD=(\S+)/.exec(sdl)![1];
  expect(wordpress).toBe(mysql);
});
