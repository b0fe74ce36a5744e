// Reads a canonical topic from the beginning as an analyst on Node would: kafkajs and the Confluent schema registry
// client, no codec plugin. Prints one JSON document on stdout: {"records": [{partition, offset, key, value}]}, bytes
// (Avro decimals) as hex. Exits 0 once every expected key was read; 1 on a consumer crash (an undecodable batch, such as
// "LZ4 compression not implemented") or when the time is up. kafkajs' own log goes to stderr.
//
// node read-canonical.js <bootstrap servers> <registry url> <topic> <timeout ms> <key> [<key> ...]
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

const [brokers, registryUrl, topic, timeoutMs, ...expectedKeys] = process.argv.slice(2);
const kafka = new Kafka({
  clientId: 'p21-bridge-node-reader',
  brokers: brokers.split(','),
  logLevel: logLevel.WARN,
  logCreator: () => ({ namespace, level, log }) =>
    process.stderr.write(`[kafkajs ${namespace}] ${log.message} ${log.error || ''}\n`),
});
const registry = new SchemaRegistry({ host: registryUrl });
const consumer = kafka.consumer({ groupId: `p21-bridge-node-reader-${process.pid}-${Date.now()}` });
const records = [];
const missing = new Set(expectedKeys);

function hexBytes(key, value) {
  return Buffer.isBuffer(this[key]) ? this[key].toString('hex') : value;
}

// exits without leaving the group: a throwaway group, and a disconnect from inside eachMessage would wait for itself
let finished = false;
function finish(code, reason) {
  if (finished) return;
  finished = true;
  if (reason) process.stderr.write(`${reason}\n`);
  process.stdout.write(JSON.stringify({ records }, hexBytes) + '\n', () => process.exit(code));
}

async function main() {
  setTimeout(() => finish(1, `timed out after ${timeoutMs} ms; keys not read: ${[...missing].join(', ')}`),
    Number(timeoutMs));
  consumer.on(consumer.events.CRASH, event => finish(1, `consumer crashed: ${event.payload.error}`));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key.toString('utf8');
      records.push({ partition, offset: message.offset, key, value: await registry.decode(message.value) });
      missing.delete(key);
      if (missing.size === 0) finish(0);
    },
  });
}

main().catch(error => finish(1, `failed: ${error.stack || error}`));
