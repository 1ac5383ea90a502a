import { expect, it } from "vitest";
import { parseDeployment, persistentVolumesOf } from "./deployment";

it("reads persistent volumes (name, size, class) from the groups' storage attributes", () => {
  const d = parseDeployment({
    deployment: { id: { owner: "akash1x", dseq: "7" }, state: "active" },
    groups: [
      {
        id: { gseq: 1 },
        group_spec: {
          name: "db",
          resources: [
            {
              resource: {
                storage: [
                  { name: "default", quantity: { val: "1073741824" }, attributes: [] },
                  { name: "data", quantity: { val: "10737418240" }, attributes: [{ key: "persistent", value: "true" }, { key: "class", value: "beta2" }] },
                  { name: "cache", quantity: { val: "1" }, attributes: [{ key: "persistent", value: "false" }] },
                ],
              },
            },
          ],
        },
      },
      { id: { gseq: 2 }, group_spec: { name: "web", resources: [{ resource: { storage: [{ name: "default", quantity: { val: "1" }, attributes: null }] } }] } },
    ],
  });
  expect(persistentVolumesOf(d)).toEqual([{ name: "data", bytes: 10737418240, storageClass: "beta2" }]);
  expect(d.groups[1]!.resources[0]!.persistentStorage).toEqual([]);
});
