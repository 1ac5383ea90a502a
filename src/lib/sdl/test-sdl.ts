/**
 * SDL text for tests (unit, integration and e2e): the one builder, so a change in what a minimal valid SDL is
 * happens in one place. Not imported by the app.
 */
export interface TestSdlOptions {
  /** Service name (also its profile and placement entry). */
  service?: string;
  image?: string;
  cpu?: number;
  memory?: string;
  storage?: string;
  denom?: string;
  /** Max price per block, micro-units. */
  amount?: number;
  count?: number;
  placement?: string;
  /** Placement attributes, e.g. `{ region: "us-west" }`. */
  attributes?: Record<string, string>;
  /** Extra environment lines, `KEY=value`. */
  env?: string[];
  /** A GPU request, e.g. `{ units: 1, vendor: "nvidia", model: "h100" }`. */
  gpu?: { units: number; vendor: string; model: string };
  /** A line prepended as a comment (handy to make texts differ). */
  comment?: string;
}

export function testSdl(options: TestSdlOptions = {}): string {
  const {
    service = "web",
    image = "nginx:1.27-alpine",
    cpu = 0.5,
    memory = "512Mi",
    storage = "1Gi",
    denom = "uact",
    amount = 100,
    count = 1,
    placement = "dcloud",
    attributes,
    env,
    gpu,
    comment,
  } = options;
  const lines = [
    ...(comment ? [`# ${comment}`] : []),
    `version: "2.0"`,
    `services:`,
    `  ${service}:`,
    `    image: ${image}`,
    ...(env?.length ? [`    env:`, ...env.map((e) => `      - ${JSON.stringify(e)}`)] : []),
    `    expose:`,
    `      - port: 80`,
    `        as: 80`,
    `        to:`,
    `          - global: true`,
    `profiles:`,
    `  compute:`,
    `    ${service}:`,
    `      resources:`,
    `        cpu:`,
    `          units: ${cpu}`,
    `        memory:`,
    `          size: ${memory}`,
    `        storage:`,
    `          size: ${storage}`,
    ...(gpu ? [`        gpu:`, `          units: ${gpu.units}`, `          attributes:`, `            vendor:`, `              ${gpu.vendor}:`, `                - model: ${gpu.model}`] : []),
    `  placement:`,
    `    ${placement}:`,
    ...(attributes ? [`      attributes:`, ...Object.entries(attributes).map(([k, v]) => `        ${k}: ${JSON.stringify(v)}`)] : []),
    `      pricing:`,
    `        ${service}:`,
    `          denom: ${denom}`,
    `          amount: ${amount}`,
    `deployment:`,
    `  ${service}:`,
    `    ${placement}:`,
    `      profile: ${service}`,
    `      count: ${count}`,
  ];
  return `${lines.join("\n")}\n`;
}
