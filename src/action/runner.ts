// What the action needs from the Actions runtime, as an interface: main.ts binds it to @actions/core; the
// end-to-end test runs the real bundle, so this exists for clarity of dependencies, not for mocking.
import { redact } from '../core/secrets.js';
export interface AnnotationProps {
  file: string;
  startLine: number;
  title: string;
}

export interface Runner {
  env: Record<string, string | undefined>;
  getInput(name: string): string;
  setOutput(name: string, value: string | number): void;
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  notice(message: string, props?: AnnotationProps): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  getIDToken(audience: string): Promise<string>;
}

/**
 * The runner with every text it is given — log lines, annotations, the job summary, outputs, the failure message —
 * passed through the one redaction point (core/secrets.ts) first, whatever produced the text.
 */
export function redactingRunner(r: Runner): Runner {
  return {
    env: r.env,
    getInput: (name) => r.getInput(name),
    setOutput: (name, value) => r.setOutput(name, typeof value === 'string' ? redact(value) : value),
    setSecret: (value) => r.setSecret(value),
    info: (m) => r.info(redact(m)),
    warning: (m, p) => r.warning(redact(m), p && { ...p, title: redact(p.title) }),
    error: (m, p) => r.error(redact(m), p && { ...p, title: redact(p.title) }),
    notice: (m, p) => r.notice(redact(m), p && { ...p, title: redact(p.title) }),
    setFailed: (m) => r.setFailed(redact(m)),
    writeSummary: (md) => r.writeSummary(redact(md)),
    getIDToken: (aud) => r.getIDToken(aud)
  };
}
