/** Kubernetes object shapes as the simulated API server stores them (JSON, like etcd). */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
  finalizers?: string[];
  generateName?: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A resource type the API server serves. */
export interface ResourceType {
  kind: string;
  /** Lower-case plural, e.g. `pods`. */
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  namespaced: boolean;
}
