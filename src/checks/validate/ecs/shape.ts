// The subset of a botocore shape that client-side parameter validation uses.

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'double' | 'float' | 'timestamp' | 'blob';
  members?: Readonly<Record<string, string>>;
  required?: readonly string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  enum?: readonly string[];
  document?: boolean;
}
