import { generateSamples, SAMPLES_DIR } from '../jobs/samples/generate-samples';

// Usage: node dist/scripts/generate-samples.js [folder]   (default data/samples)
const dir = process.argv[2] ?? SAMPLES_DIR;
process.stdout.write(`${JSON.stringify({ dir, files: generateSamples(dir) })}\n`);
