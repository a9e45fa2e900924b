// Keep unit tests off the network unless a test opts in to 127.0.0.1 (the sandboxes).
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
