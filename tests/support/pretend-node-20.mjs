// Preloaded with --import: makes this process report an old Node.js, to test the refusal.
Object.defineProperty(process.versions, 'node', { value: '20.20.2' });
