// Refs (hub-api.md "Endpoints" 6): `GET /api/models/{ns}/{name}/refs[?include_prs=1]`.
import { HEX40 } from '../oid.js';
import { arr, matching, obj, str } from './check.js';

export interface ApiRef {
  /** Short name (`main`, `v1.0`). */
  name: string;
  /** Full ref (`refs/heads/main`). */
  ref: string;
  targetCommit: string;
}

export interface ApiRefs {
  branches: ApiRef[];
  tags: ApiRef[];
  converts: ApiRef[];
  /** Only with `include_prs=1`. */
  pullRequests?: ApiRef[];
}

// The client's view.
export type Ref = ApiRef;
export type Refs = Pick<ApiRefs, 'branches' | 'tags' | 'converts'>;

function refList(v: unknown, where: string): Ref[] {
  return arr(v ?? [], where).map((r, i) => {
    const w = `${where}[${i}]`;
    const o = obj(r, w);
    return {
      name: str(o.name, `${w}.name`),
      ref: str(o.ref, `${w}.ref`),
      targetCommit: matching(o.targetCommit, HEX40, `${w}.targetCommit`, 'a 40-hex commit')
    };
  });
}

export function parseRefs(v: unknown): Refs {
  const o = obj(v, 'refs');
  return { branches: refList(o.branches, 'branches'), tags: refList(o.tags, 'tags'), converts: refList(o.converts, 'converts') };
}
