import { plainText } from '../../../nodes/shared/http/plainText';

describe('plainText: the words of a text or HTML error page', () => {
	it('drops scripts, styles, tags and entities and collapses spaces', () => {
		const page = '<html><head><style>body{color:red}</style><script>alert(1)</script></head><body><h1>502 Bad Gateway</h1>\n<p>nginx &amp; co</p></body></html>';
		expect(plainText(page)).toBe('502 Bad Gateway nginx co');
	});
	it('keeps plain text and cuts long pages with an ellipsis', () => {
		expect(plainText('  Service   unavailable ')).toBe('Service unavailable');
		expect(plainText('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
		expect(plainText('<p></p>')).toBe('');
	});
});
