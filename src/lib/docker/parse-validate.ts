/**
 * The per-instruction checks of the Dockerfile parser: arguments each keyword needs (COPY sources
 * and destination, `--from` stages, key=value pairs, SHELL's JSON form, ONBUILD's triggers).
 */
import { parseArgDeclarations, parseKeyValuePairs, splitWords } from './parse-args';
import { DOCKERFILE_KEYWORDS } from './parse-types';
import type { Instruction, ParseError, Stage } from './parse-types';

/** Checks one instruction's arguments against the Dockerfile reference, adding to `errors`. */
export function validateInstruction(
  instruction: Instruction,
  stage: Stage,
  errors: ParseError[],
): void {
  const { keyword, args, startLine } = instruction;
  const empty = args.trim() === '' && instruction.heredocs.length === 0;
  if (empty) {
    errors.push({ line: startLine, message: `${keyword} needs arguments` });
    return;
  }
  switch (keyword) {
    case 'COPY':
    case 'ADD': {
      const paths = instruction.json ?? splitWords(args);
      if (paths.length + instruction.heredocs.length < 2 || paths.length < 1) {
        errors.push({
          line: startLine,
          message: `${keyword} needs at least one source and a destination`,
        });
      }
      const from = instruction.flags.find((flag) => flag.name === 'from');
      if (from !== undefined) {
        const value = from.value ?? '';
        if (/^\d+$/.test(value) && Number(value) >= stage.index) {
          errors.push({
            line: startLine,
            message: `--from=${value} must name an earlier stage (this is stage ${stage.index})`,
          });
        } else if (value === '') {
          errors.push({
            line: startLine,
            message: '--from needs a stage name, stage index or image',
          });
        } else if (stage.name !== null && value.toLowerCase() === stage.name) {
          errors.push({
            line: startLine,
            message: `a stage cannot copy from itself (--from=${value})`,
          });
        }
      }
      break;
    }
    case 'ENV':
    case 'LABEL': {
      if (parseKeyValuePairs(args, keyword === 'ENV') === null) {
        errors.push({ line: startLine, message: `${keyword} expects key=value pairs` });
      }
      break;
    }
    case 'ARG': {
      if (parseArgDeclarations(args).length === 0)
        errors.push({ line: startLine, message: 'ARG needs a name' });
      break;
    }
    case 'SHELL': {
      if (instruction.form !== 'json')
        errors.push({ line: startLine, message: 'SHELL must be written as a JSON array' });
      break;
    }
    case 'HEALTHCHECK': {
      if (!/^(NONE|CMD\s+\S)/i.test(args.trim())) {
        errors.push({ line: startLine, message: 'HEALTHCHECK expects CMD <command> or NONE' });
      }
      break;
    }
    case 'ONBUILD': {
      const nested = (splitWords(args)[0] ?? '').toUpperCase();
      if (nested === 'ONBUILD' || nested === 'FROM' || nested === 'MAINTAINER') {
        errors.push({ line: startLine, message: `ONBUILD cannot trigger ${nested}` });
      } else if (!DOCKERFILE_KEYWORDS.includes(nested)) {
        errors.push({ line: startLine, message: `ONBUILD: unknown instruction ${nested}` });
      }
      break;
    }
    default:
      break;
  }
}
