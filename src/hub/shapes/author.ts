// Users and organisations (hub-api.md "Endpoints" 7): `GET /api/users/{u}/overview` and
// `GET /api/organizations/{o}/overview`. They share one namespace; an organisation overview has no createdAt, so
// its creation time is read from the `_id` ObjectId.
import { OBJECT_ID } from './model-info.js';
import { matching, obj, optBool, optIsoDate, optStr, str, type Obj } from './check.js';

interface ApiAccountCounts {
  numModels?: number;
  numDatasets?: number;
  numSpaces?: number;
  numFollowers?: number;
  numPapers?: number;
  isFollowing?: boolean;
}

export interface ApiUserOverview extends ApiAccountCounts {
  _id: string;
  user: string;
  fullname: string;
  type: 'user';
  createdAt: string;
  isPro: boolean;
  avatarUrl?: string;
  numDiscussions?: number;
  numUpvotes?: number;
  numLikes?: number;
  numFollowing?: number;
  orgs?: { name: string; fullname?: string }[];
}

export interface ApiOrgOverview extends ApiAccountCounts {
  _id: string;
  name: string;
  fullname: string;
  type: 'org';
  isVerified: boolean;
  avatarUrl?: string;
  isEnterprise?: boolean;
  plan?: string;
  numUsers?: number;
}

/** The client's view of either kind of account. */
export interface Author {
  /** The account name as the Hub spells it. */
  name: string;
  type: 'user' | 'org';
  /** Immutable ObjectId. */
  id: string;
  /** ISO creation time. */
  createdAt: string;
  /** Where createdAt came from: the `createdAt` field, or the `_id` timestamp (orgs have no createdAt). */
  createdAtSource: 'createdAt' | 'objectId';
  fullname?: string;
  isVerified?: boolean;
  isPro?: boolean;
}

/** Creation time encoded in an ObjectId: its first 4 bytes are seconds since the epoch. */
export function objectIdTime(id: string): string {
  return new Date(parseInt(id.slice(0, 8), 16) * 1000).toISOString();
}

function authorFrom(o: Obj, type: 'user' | 'org', nameKey: 'user' | 'name'): Author {
  const id = matching(o._id, OBJECT_ID, '_id', 'a 24-hex ObjectId');
  const createdAt = optIsoDate(o.createdAt, 'createdAt');
  const out: Author = {
    name: str(o[nameKey], nameKey),
    type,
    id,
    createdAt: createdAt ?? objectIdTime(id),
    createdAtSource: createdAt ? 'createdAt' : 'objectId'
  };
  const fullname = optStr(o.fullname, 'fullname');
  if (fullname !== undefined) out.fullname = fullname;
  const isVerified = optBool(o.isVerified, 'isVerified');
  if (isVerified !== undefined) out.isVerified = isVerified;
  const isPro = optBool(o.isPro, 'isPro');
  if (isPro !== undefined) out.isPro = isPro;
  return out;
}

export function parseUserOverview(v: unknown): Author {
  return authorFrom(obj(v, 'user overview'), 'user', 'user');
}

export function parseOrgOverview(v: unknown): Author {
  return authorFrom(obj(v, 'organization overview'), 'org', 'name');
}
