import { request } from 'undici';

/** One sample of Prometheus's text format: `name{label="value",...} 12`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = sampleLine.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(labelPair)].map(([, name, value]) => [name!, value!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** A scrape of `/metrics`: its text, and the value of a sample by name and labels (0 when absent). */
export class Scrape {
  readonly samples: Sample[];

  constructor(readonly text: string) {
    this.samples = parseSamples(text);
  }

  value(name: string, labels: Record<string, string> = {}): number {
    const sample = this.samples.find(
      (candidate) =>
        candidate.name === name &&
        Object.keys(labels).length === Object.keys(candidate.labels).length &&
        Object.entries(labels).every(([label, value]) => candidate.labels[label] === value),
    );
    return sample?.value ?? 0;
  }

  /** How much a sample grew since an earlier scrape. */
  since(earlier: Scrape, name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) - earlier.value(name, labels);
  }

  labelValues(name: string, label: string): string[] {
    return [...new Set(this.samples.filter((sample) => sample.name === name).map((sample) => sample.labels[label]!))];
  }
}

export async function scrape(metricsUrl: string): Promise<Scrape> {
  const response = await request(metricsUrl);
  if (response.statusCode !== 200) throw new Error(`GET ${metricsUrl} answered ${response.statusCode}`);
  return new Scrape(await response.body.text());
}
