/**
 * HTTP for every integration that talks to a repository over HTTP (SWORDv2, DSpace REST, InvenioRDM): which
 * credentials go to which URL ({@link org.depositservices.transport.http.HttpCredentials}), requests bounded in time
 * and body ({@link org.depositservices.transport.http.BoundedHttp}), and one classification of failures into
 * transient and permanent with messages an operator can act on
 * ({@link org.depositservices.transport.http.HttpFailures}). What a protocol adds (its headers, its error documents,
 * hints naming its keys) stays in that protocol's package.
 */
package org.depositservices.transport.http;
