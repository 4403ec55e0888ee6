// Counters and gauges in the Prometheus text exposition format (version 0.0.4), for `/metrics`.

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${esc(labels[k] ?? '')}"`).join(',')}}`;
}

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
  /** Computed at scrape time. */
  read?: () => number;
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): void {
    this.families.set(name, { help, type: 'counter', values: new Map() });
  }

  gauge(name: string, help: string, read?: () => number): void {
    this.families.set(name, { help, type: 'gauge', values: new Map(), ...(read ? { read } : {}) });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const f = this.families.get(name);
    if (!f) throw new Error(`metric ${name} is not declared`);
    const key = labelText(labels);
    f.values.set(key, (f.values.get(key) ?? 0) + by);
  }

  set(name: string, value: number, labels: Labels = {}): void {
    const f = this.families.get(name);
    if (!f) throw new Error(`metric ${name} is not declared`);
    f.values.set(labelText(labels), value);
  }

  value(name: string, labels: Labels = {}): number {
    const f = this.families.get(name);
    if (f?.read && Object.keys(labels).length === 0) return f.read();
    return f?.values.get(labelText(labels)) ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, f] of this.families) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      if (f.read) lines.push(`${name} ${f.read()}`);
      else if (f.values.size === 0 && f.type === 'counter') lines.push(`${name} 0`);
      for (const [labels, v] of f.values) lines.push(`${name}${labels} ${v}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
