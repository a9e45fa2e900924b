/**
 * Error bodies shaped like 3PL Warehouse Manager's: validation failures are a serialized ModelValidationException
 * `{ "$type", "ErrorCode", "Hint", "Properties": [{ "Name", "Message", "Value" }] }`.
 */
import { json, type Reply } from './http';

export interface ValidationProperty {
	Name: string;
	Message: string;
	Value?: unknown;
}

const EXCEPTION_TYPE = 'WMS.V2.Generic.Models.Exceptions.ModelValidationException, WMS.V2.Generic';

export function validationError(errorCode: string, hint: string, properties: ValidationProperty[] = []): Reply {
	return json(400, { $type: EXCEPTION_TYPE, ErrorCode: errorCode, Hint: hint, Properties: properties });
}

export function extensivError(status: number, errorCode: string, hint: string): Reply {
	return json(status, { ErrorCode: errorCode, Hint: hint });
}

export function unauthorized(): Reply {
	return json(
		401,
		{ Message: 'Authorization has been denied for this request.' },
		{ 'WWW-Authenticate': 'Bearer' },
	);
}
