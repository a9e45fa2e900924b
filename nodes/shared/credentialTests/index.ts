/**
 * Credential tests run by the editor's Test button. Every node that uses a credential lists it with
 * `testedBy: '<name>'` and carries `methods = { credentialTest }`: n8n's CredentialsTester takes the first node
 * (in load order) that names a testedBy for the credential type, so all of them point at the same function.
 * n8n uses these only when the credential class has no `test` property (a class `test` wins on n8n 1.x and 2.x).
 */
import { bigCommerceApiTest } from './bigCommerceApi';
import { extensivWarehouseManagerApiTest } from './extensivWarehouseManagerApi';
import { wmsHttpApiTest } from './wmsHttpApi';

export { bigCommerceApiTest, extensivWarehouseManagerApiTest, wmsHttpApiTest };

export const credentialTest = { bigCommerceApiTest, extensivWarehouseManagerApiTest, wmsHttpApiTest };
