/** V2 store information: `GET /v2/store` and `GET /v2/time` (store_information.v2.yml). */
import type { Ctx, Reply } from './http';
import type { SandboxState } from './state';

export function getStore(state: SandboxState, _ctx: Ctx): Reply {
	const storeHash = state.storeHash;
	return {
		status: 200,
		body: {
			id: storeHash,
			account_uuid: '00000000-0000-4000-8000-000000000001',
			domain: 'sandbox.example',
			secure_url: 'https://sandbox.example',
			control_panel_base_url: `https://store-${storeHash}.mybigcommerce.com`,
			status: 'live',
			name: 'BigCommerce Sandbox Store',
			first_name: 'Sandy',
			last_name: 'Box',
			address: '1 Sandbox Way, Austin, TX 78751',
			country: 'United States',
			country_code: 'US',
			phone: '555-123-4567',
			admin_email: 'admin@sandbox.example',
			order_email: 'orders@sandbox.example',
			timezone: { name: 'Etc/UTC', raw_offset: 0, dst_offset: 0, dst_correction: false, date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' } },
			language: 'en',
			currency: 'USD',
			currency_symbol: '$',
			decimal_separator: '.',
			thousands_separator: ',',
			decimal_places: 2,
			currency_symbol_location: 'left',
			weight_units: 'Ounces',
			dimension_units: 'Inches',
			plan_name: 'Standard',
			plan_level: 'Standard',
			plan_is_trial: false,
			industry: 'Retail',
			is_price_entered_with_tax: false,
			store_id: 1000001,
			default_channel_id: 1,
			default_site_id: 1000,
			features: { stencil_enabled: true, multi_storefront_enabled: false },
		},
	};
}

export function getTime(): Reply {
	return { status: 200, body: { time: Math.floor(Date.now() / 1000) } };
}
