# A connector definition for the __kind__ adapter: the fake system in test-fixtures/ has this shape.
# Check it with `trestle validate examples/__kind__.connector.yaml --plugin trestle-adapter-__kind__`.
name: __kind__-example
adapter: __kind__
version: '1'
description: Customers of the __kind__ system.
settings:
  defaultPageSize: 50
entities:
  customer:
    sourceId: id
    modifiedAt: modified
    operations:
      list: { path: /customers, incremental: { param: modifiedSince, format: iso } }
      get: { path: /customers }
      create: { path: /customers }
      update: { path: /customers }
    fields:
      name: { path: name, transforms: [trim] }
      email: { path: email, transforms: [trim, lower] }
      status: { path: status, transforms: [{ enum: { A: active, I: inactive } }] }
      updatedAt: { path: modified, transforms: [{ datetime: iso }] }
