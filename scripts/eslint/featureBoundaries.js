import { dirname, relative, resolve, sep } from 'node:path'

const RENDERER = resolve(import.meta.dirname, '../../src/renderer/src')

/** Where a renderer file sits: a feature (by name), or one of the shared folders (app, ui, lib, api). */
function areaOf(file) {
  const inside = relative(RENDERER, file)
  if (inside.startsWith('..')) return null
  const [top, name] = inside.split(sep)
  return top === 'features' && name ? { top, feature: name } : { top }
}

/**
 * bulletproof-react's rule for this renderer: app/ composes the features; a feature imports only
 * itself and the shared folders (ui/, lib/, api/, @shared); ui/, lib/ and api/ import no feature and
 * not app/. Imports are resolved against the importing file, so `../x` and `../../features/x` are
 * both caught at any depth.
 */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Features do not import each other; shared folders import no feature.' },
    schema: [],
    messages: {
      crossFeature:
        'features/{{from}} imports features/{{to}} ({{source}}): compose the two in app/, or move what both need to ui/ or lib/.',
      featureImportsApp:
        'features/{{from}} imports app/ ({{source}}): app/ composes the features, not the other way round; take it as a prop.',
      sharedImportsFeature:
        '{{from}}/ is shared by every feature and must not import {{to}} ({{source}}): pass it in from app/ instead.',
    },
  },
  create(context) {
    const from = areaOf(context.filename)
    if (!from) return {}
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const to = areaOf(resolve(dirname(context.filename), source))
      if (!to) return
      if (from.feature && to.feature && to.feature !== from.feature)
        context.report({
          node: node.source,
          messageId: 'crossFeature',
          data: { from: from.feature, to: to.feature, source },
        })
      else if (['ui', 'lib', 'api'].includes(from.top) && (to.feature || to.top === 'app'))
        context.report({
          node: node.source,
          messageId: 'sharedImportsFeature',
          data: { from: from.top, to: to.feature ? `features/${to.feature}` : 'app/', source },
        })
      else if (from.feature && to.top === 'app')
        context.report({
          node: node.source,
          messageId: 'featureImportsApp',
          data: { from: from.feature, source },
        })
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}
