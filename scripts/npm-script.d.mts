/** The arguments `npm run <script>` passes to `node`, from package.json. */
export function nodeArgsOf(script: string): string[];
