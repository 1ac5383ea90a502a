import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A database with one persistent volume, and a mount setting for a volume that does not exist (3 errors' worth of the old bug). */
const SDL = `# Comments stay where they are.
version: "2.0"
services:
  db:
    image: postgres:17-alpine
    expose:
      - port: 5432
        to:
          - global: true
    params:
      storage:
        pgdata:
          mount: /var/lib/postgresql/data
        leftover:
          mount: /old
profiles:
  compute:
    db:
      resources:
        cpu:
          units: 1
        memory:
          size: 2Gi
        storage:
          - size: 1Gi
          - name: pgdata # the database files
            size: 20Gi
            attributes:
              persistent: true
              class: beta2
  placement:
    dcloud:
      pricing:
        db:
          denom: uact
          amount: 300
deployment:
  db:
    dcloud:
      profile: db
      count: 1
`;

/** The SDL as the user would get it: through the editor's Download button (Monaco renders only visible lines). */
async function editorText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  return readFile((await download.path())!, "utf8");
}

async function commit(field: Locator, value: string) {
  await field.fill(value);
  await field.press("Enter");
}

test("a volume rename in the form stays valid: the mount goes with it, a stray mount can be removed, volumes and names change without breaking the SDL", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/deploy");
  const status = page.getByTestId("sdl-status");
  await expect(status).toHaveText("Valid", { timeout: 30_000 });
  await page.getByTestId("import-input").setInputFiles({ name: "db.yaml", mimeType: "text/yaml", buffer: Buffer.from(SDL) });
  await expect(status).toHaveText("1 error");
  await expect(page.getByTestId("problem")).toContainText('non-existing compute volume "leftover"');

  // The form shows the stray mount setting and removes it.
  await page.getByTestId("mode-form").click();
  const stray = page.getByTestId("orphan-mount-db-leftover");
  await expect(stray).toContainText("“leftover”");
  await stray.getByRole("button", { name: "Remove mount setting" }).click();
  await expect(status).toHaveText("Valid");
  await expect(stray).toHaveCount(0);

  // Rename the persistent volume: its mount setting is renamed with it (it used to stay behind: 3 errors).
  await commit(page.getByTestId("volume-name-db-1"), "db-data");
  await expect(status).toHaveText("Valid");
  await expect(page.getByTestId("problems")).toHaveCount(0);
  await expect(page.getByTestId("volume-mount-db-1")).toHaveValue("/var/lib/postgresql/data");
  let yaml = await editorText(page);
  expect(yaml).toContain("        db-data:\n          mount: /var/lib/postgresql/data\n");
  expect(yaml).toContain("          - name: db-data # the database files\n");
  expect(yaml).not.toContain("pgdata");
  expect(yaml).toContain("# Comments stay where they are.");

  // A name the SDL cannot take is refused with a reason, and nothing changes.
  await commit(page.getByTestId("volume-name-db-1"), "Data Volume");
  await expect(page.getByTestId("form-edit-error")).toContainText("cannot be a volume name");
  await expect(status).toHaveText("Valid");

  // Add a volume (mounted, since it is persistent), then remove it with its mount.
  await page.getByTestId("volume-add-db").click();
  await expect(page.getByTestId("volume-mount-db-2")).toHaveValue("/data1");
  await expect(status).toHaveText("Valid");
  await page.getByTestId("volume-remove-db-2").click();
  await expect(page.getByTestId("storage-db-2")).toHaveCount(0);
  await expect(status).toHaveText("Valid");

  // Clearing a persistent volume's mount is refused (it would be invalid); ephemeral, it can go unmounted.
  await commit(page.getByTestId("volume-mount-db-1"), "");
  await expect(page.getByTestId("form-edit-error")).toContainText("needs a mount path");
  await page.getByTestId("volume-persistent-db-1").uncheck();
  await commit(page.getByTestId("volume-mount-db-1"), "");
  await expect(status).toHaveText("Valid");
  yaml = await editorText(page);
  expect(yaml).not.toContain("params:");

  // Service, profile and placement renames carry their references.
  await commit(page.getByTestId("service-name-db"), "postgres");
  await expect(status).toHaveText("Valid");
  await commit(page.getByTestId("profile-name-postgres"), "large");
  await commit(page.getByTestId("placement-name-postgres"), "eu");
  await expect(status).toHaveText("Valid");
  yaml = await editorText(page);
  expect(yaml).toContain("deployment:\n  postgres:\n    eu:\n      profile: large\n");
  expect(yaml).toContain("      pricing:\n        large:\n");
});
