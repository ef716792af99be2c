{
  "name": "trestle-adapter-__kind__",
  "version": "0.1.0",
  "description": "Trestle adapter plugin: the __kind__ legacy system.",
  "license": "UNLICENSED",
  "keywords": ["trestle-adapter"],
  "main": "dist/index.js",
  "types": "dist/index.d.ts",
  "files": ["dist", "examples"],
  "engines": {
    "node": ">=20.11"
  },
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "test": "jest",
    "typecheck": "tsc -p tsconfig.json --noEmit",
    "prepack": "npm run build"
  },
  "peerDependencies": {
    "@trestle/adapter-sdk": "^0.1.0"
  },
  "devDependencies": {
    "@swc/core": "^1.13.5",
    "@swc/jest": "^0.2.39",
    "@trestle/adapter-sdk": "^0.1.0",
    "@types/jest": "^30.0.0",
    "@types/node": "^20.19.0",
    "jest": "^30.1.3",
    "typescript": "~5.9.2"
  }
}
