// The shape of a kubernetes-models precompiled (ajv standalone) validator module.

/** One error as ajv reports it: a JSON Pointer into the data and the failed keyword. */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

export interface SchemaModule {
  validate: (data: unknown) => boolean;
}
